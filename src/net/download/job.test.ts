import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/catalogue.js';
import type { GetResponse } from '../http.js';
import { checkRangeAnswer, checkSize, truncated, type TransferJob } from './job.js';

const url = 'https://example.test/f';
/** A 206 answer with the given headers; nothing else of it is read by checkRangeAnswer. */
const answer = (headers: Record<string, string>) => ({ statusCode: 206, headers }) as unknown as GetResponse;
const job = { expectedSize: 10 } as TransferJob;
const message = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('did not throw');
};

describe('the rarer download failures', () => {
  afterEach(() => setLocale('en'));

  it('say in English what the server did wrong', () => {
    setLocale('en');
    expect(message(() => checkRangeAnswer(url, answer({ 'content-range': 'bytes 5-9/10' }), 0, 10))).toBe(
      `${url}: asked for bytes 0-9, got Content-Range bytes 5-9/10`,
    );
    expect(message(() => checkRangeAnswer(url, answer({}), 0, 10))).toBe(
      `${url}: asked for bytes 0-9, got Content-Range (none)`,
    );
    const length = { 'content-range': 'bytes 0-9/10', 'content-length': '4' };
    expect(message(() => checkRangeAnswer(url, answer(length), 0, 10))).toBe(
      `${url}: wrong Content-Length: 4 for Content-Range bytes 0-9/10 (10 bytes)`,
    );
    expect(message(() => checkSize(url, job, 12, 'Content-Length'))).toBe(
      `${url}: Content-Length says the file is 12 bytes, expected 10`,
    );
    expect(truncated(url, 'the download', 3, 10).message).toBe(
      `${url}: truncated body: the download stopped after 3 of 10 bytes (the server ended the body early)`,
    );
  });

  it('say it in zh-CN with no English words but header names and data', () => {
    setLocale('zh-CN');
    const texts = [
      message(() => checkRangeAnswer(url, answer({}), 0, 10)),
      message(() => checkRangeAnswer(url, answer({ 'content-range': 'bytes 0-9/10', 'content-length': '4' }), 0, 10)),
      message(() => checkSize(url, job, 12, 'Content-Length')),
      truncated(url, '下载', 3, 10).message,
    ];
    expect(texts).toEqual([
      `${url}: 请求字节 0-9，却收到 Content-Range (无)`,
      `${url}: Content-Length 错误：为 4，而 Content-Range bytes 0-9/10 是 10 字节`,
      `${url}: Content-Length 表示文件为 12 字节，预期为 10`,
      `${url}: 响应体被截断：下载 在收到 10 字节中的 3 字节后中断（服务器提前结束了响应体）`,
    ]);
    for (const text of texts) expect(text).not.toMatch(/asked|wrong|says|truncated|bytes \d+ of|ended/);
  });
});
