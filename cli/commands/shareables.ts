// `jobquality shareables build|check`: validates the campaign's content file, generates the
// ready-made posts, and writes the static action page (HTML, script, styles, posts.json, images).
import type { Command } from 'commander';
import { loadContentFile } from '../../shareables/content-file.js';
import { ContentFileError, formatContentIssue } from '../../shareables/errors.js';
import { generateShareables, type GeneratedShareables } from '../../shareables/generate-posts.js';
import { DateTime } from 'luxon';
import { actionPageUrl, buildActionPage } from '../../shareables/action-page/build-action-page.js';
import { contentWarnings } from '../../shareables/content-warnings.js';
import { writeActionPage } from '../../shareables/action-page/write-action-page.js';
import { summarizeShareables } from '../../shareables/summary.js';
import type { Content } from '../../shareables/content-schema.js';
import { loadConfig } from '../config.js';

const say = (line = '') => process.stdout.write(`${line}\n`);

/** Today in the report time zone: the day events are compared with. */
const todayIn = (timeZone: string): string => DateTime.now().setZone(timeZone).toISODate()!;

/** Loads and generates, or prints every content problem as file:line:column and returns null. */
function prepare(file: string, hashtags: readonly string[]): { content: Content; generated: GeneratedShareables } | null {
  try {
    const content = loadContentFile(file);
    return { content, generated: generateShareables(content, { hashtags }) };
  } catch (error) {
    if (!(error instanceof ContentFileError)) throw error;
    process.stderr.write(`jobquality: the content file has ${error.issues.length === 1 ? 'a problem' : `${error.issues.length} problems`}; nothing was written:\n`);
    for (const issue of error.issues) process.stderr.write(`  ${formatContentIssue(error.file, issue)}\n`);
    process.exitCode = 1;
    return null;
  }
}

/** Adds `shareables build` and `shareables check` to the command line. */
export function registerShareables(program: Command): void {
  const shareables = program
    .command('shareables')
    .description('Ready-made posts for supporters: check the content file, build the action page')
    .addHelpText('after', '\nThe content file is SHAREABLES_FILE (default shareables/sample-content.yaml): YAML with the campaign, its resources and message templates.');

  shareables
    .command('check')
    .description('Validate the content file and summarise it: resources, posts per network, posts near their limit, example links')
    .addHelpText(
      'after',
      '\nExits 1 when the content file is invalid, printing file:line:column, the field and what is wrong.\nPosts that cannot be produced (too long for a network, or repeating another) are listed but do not fail the check.',
    )
    .action(() => {
      const config = loadConfig();
      const prepared = prepare(config.shareablesFile, config.hashtags);
      if (!prepared) return;
      say(`Content file: ${config.shareablesFile} is valid.`);
      for (const line of summarizeShareables(prepared.content, prepared.generated)) say(line);
      const warnings = contentWarnings(prepared.content, { pageUrl: actionPageUrl(prepared.content, config.server.publicBaseUrl), today: todayIn(config.reportTimeZone) });
      if (warnings.length > 0) {
        say();
        say(`Before publishing (${warnings.length}):`);
        for (const warning of warnings) say(`  ${warning}`);
      }
    });

  shareables
    .command('build')
    .description('Build the static action page (index.html, action-page.js, action-page.css, favicon.svg, posts.json, images/) into a folder')
    .option('--out <dir>', 'folder to write the page to (replaced as a whole)', './data/action-page')
    .addHelpText(
      'after',
      '\nUpload the folder to any web server; it loads nothing from other sites and has no tracking.\n' +
        'With PUBLIC_BASE_URL set, share buttons go through <PUBLIC_BASE_URL>/s/<shareable>/<network>, where the\n' +
        'tracker counts clicks; without it they link straight to each network.\n' +
        'On an invalid content file nothing is written and the command exits 1.',
    )
    .action((opts: { out: string }) => {
      const config = loadConfig();
      say(`Reading ${config.shareablesFile}`);
      const prepared = prepare(config.shareablesFile, config.hashtags);
      if (!prepared) return;
      const { content, generated } = prepared;
      say(`Generated ${generated.posts.length} posts from ${content.resources.length} resources (${generated.shareables.length} shareables)`);
      if (generated.unavailable.some((item) => item.reason !== 'missing-fields')) {
        say('Some posts could not be produced (run `jobquality shareables check` for the list):');
        for (const item of generated.unavailable.filter((entry) => entry.reason !== 'missing-fields')) say(`  ${item.message}`);
      }
      const pageUrl = actionPageUrl(content, config.server.publicBaseUrl);
      const today = todayIn(config.reportTimeZone);
      const files = buildActionPage({ content, generated, publicBaseUrl: config.server.publicBaseUrl, pageUrl, today });
      const written = writeActionPage(opts.out, files);
      say(`Share buttons: ${config.server.publicBaseUrl ? `through ${config.server.publicBaseUrl}/s/… (shares and copies are counted)` : 'straight to each network (set PUBLIC_BASE_URL to count shares and copies)'}`);
      say(`Action page written to ${written} (${files.size} files; open index.html)`);
      // Loud, on stderr, and never on the page itself: supporters must not see staff notes.
      const warnings = contentWarnings(content, { pageUrl, today });
      if (warnings.length > 0) {
        process.stderr.write(`\nWARNING: this page is not ready to publish (${warnings.length} ${warnings.length === 1 ? 'problem' : 'problems'}):\n`);
        for (const warning of warnings) process.stderr.write(`  ! ${warning}\n`);
        process.stderr.write('Fix the content file and build again; `jobquality shareables check` lists everything.\n');
      }
    });
}
