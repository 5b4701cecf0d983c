// SMTP_URL may hold the mail password: a malformed one stops start-up naming the variable but never
// its value, and whatever nodemailer says on its way out is redacted, in this process or a real one.
import { beforeAll, describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../cli/config.js';
import { sendEmailContent, withoutSecrets } from '../../reports/send-report-email.js';
import { BUILD_TIMEOUT_MS, buildCli, runCli } from '../helpers/cli-process.js';

const PASSWORD = 'S3cr3t-Hunter2';
const MALFORMED = [
  `smtps://jq:${PASSWORD}@mail.example.org:46S`,
  `smtps://jq:${PASSWORD}@`,
  `mail.example.org:${PASSWORD}`,
  `https://jq:${PASSWORD}@mail.example.org`,
  `smtp://:${PASSWORD}@mail.example.org`,
];

beforeAll(() => {
  buildCli();
}, BUILD_TIMEOUT_MS);

describe('SMTP_URL secrets', () => {
  test.each(MALFORMED)('the malformed SMTP_URL %s is refused at start-up without echoing the password', (smtpUrl) => {
    let error: unknown;
    try {
      loadConfig({ SMTP_URL: smtpUrl });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toMatch(/SMTP_URL (is not a URL|must use smtp|names no mail server|has a password without a user name)/);
    expect(message).not.toContain(PASSWORD);
  });

  test('a well-formed SMTP_URL is accepted as it is', () => {
    expect(loadConfig({ SMTP_URL: `smtps://jq:${encodeURIComponent('p@ss:word')}@mail.example.org:465` }).reports.smtpUrl).toBe(
      'smtps://jq:p%40ss%3Aword@mail.example.org:465',
    );
  });

  test('a real process given a malformed SMTP_URL exits with status 2 and never prints the password', async () => {
    const result = await runCli(['status'], { SMTP_URL: MALFORMED[0]!, JOBQUALITY_DB: ':memory:' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('SMTP_URL is not a URL');
    expect(result.stdout + result.stderr).not.toContain(PASSWORD);
  });

  test('a failed send names the server but not the password, encoded or not', async () => {
    const encoded = encodeURIComponent('p@ss:' + PASSWORD);
    // Nothing listens on port 9: the connection is refused.
    const attempt = sendEmailContent({ smtpUrl: `smtp://jq:${encoded}@127.0.0.1:9`, from: 'a@example.org', recipients: ['b@example.org'] }, { subject: 's', html: '<p>x</p>', text: 'x' });
    const error = await attempt.then(
      () => null,
      (caught: unknown) => caught as Error,
    );
    expect(error?.message).toContain('Could not send the weekly report through 127.0.0.1:9');
    expect(error?.message).not.toContain(PASSWORD);
    expect(error?.message).not.toContain(encoded);
  });

  test('redaction also finds the password in a URL that does not parse', () => {
    const smtpUrl = `smtps://jq:${PASSWORD}@mail.example.org:46S`;
    expect(withoutSecrets(`Invalid URL: jq:${PASSWORD}@mail.example.org:46S`, smtpUrl)).toBe('Invalid URL: jq:[redacted]@mail.example.org:46S');
  });
});
