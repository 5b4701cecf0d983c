// COMPARE_HASHTAGS and AMPLIFIER_ACCOUNTS_FILE: read and checked like TRACK_HASHTAGS, with a clear
// message when a comparator is a tracked hashtag.
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../cli/config.js';

describe('share-of-voice and amplifier configuration', () => {
  test('comparators are optional, normalised and de-duplicated like tracked hashtags', () => {
    expect(loadConfig({}).compareHashtags).toEqual([]);
    expect(loadConfig({ COMPARE_HASHTAGS: '#FairPay, livingwage,fairpay' }).compareHashtags).toEqual(['fairpay', 'livingwage']);
    expect(loadConfig({}).amplifierAccountsFile).toBeNull();
    expect(loadConfig({ AMPLIFIER_ACCOUNTS_FILE: 'people.yaml' }).amplifierAccountsFile).toBe(resolve('people.yaml'));
  });

  test('a comparator that is also tracked, or not a hashtag, stops the start with a message naming the variable', () => {
    expect(() => loadConfig({ TRACK_HASHTAGS: 'jobquality,fairwork', COMPARE_HASHTAGS: 'FairWork' })).toThrow(/COMPARE_HASHTAGS names #fairwork, which TRACK_HASHTAGS tracks/);
    expect(() => loadConfig({ COMPARE_HASHTAGS: 'fair pay' })).toThrow(ConfigError);
    expect(() => loadConfig({ COMPARE_HASHTAGS: 'fair pay' })).toThrow(/COMPARE_HASHTAGS hashtags may contain only letters, digits and _/);
  });
});
