import { describe, expect, it } from 'vitest';
import { isKnownLabel, kindOfLabel, looksLikeHeader, normaliseLabel } from './headers.ts';

describe('normaliseLabel', () => {
  it('ignores case, spaces, underscores, hyphens and full-width forms', () => {
    expect(normaliseLabel(' Identity ID ')).toBe('identityid');
    expect(normaliseLabel('identity_id')).toBe('identityid');
    expect(normaliseLabel('ＩＤＥＮＴＩＴＹ－ＩＤ')).toBe('identityid');
    expect(normaliseLabel('人员ID（必填）')).toBe('人员id必填');
  });
});

describe('kindOfLabel', () => {
  it.each([
    ['identity_id', 'identity_id'],
    ['Identity Id', 'identity_id'],
    ['人员ID', 'identity_id'],
    ['人员编号', 'identity_id'],
    ['link_id', 'link_id'],
    ['Link ID', 'link_id'],
    ['UID', 'uid'],
    ['face_id', 'face_id'],
    ['人脸ID', 'face_id'],
    ['register_image_id', 'register_image_id'],
    ['注册照片ID', 'register_image_id'],
    ['姓名', 'name'],
    ['Name', 'name'],
    ['ID', 'nativeId'],
  ])('reads %s as %s', (label, kind) => {
    expect(kindOfLabel(label)).toBe(kind);
  });

  it('suggests no kind for labels of unused or unknown columns', () => {
    expect(kindOfLabel('卡号')).toBeNull();
    expect(kindOfLabel('Department')).toBeNull();
    expect(kindOfLabel('1001')).toBeNull();
  });
});

describe('looksLikeHeader', () => {
  it('accepts a row with one known label among unknown ones', () => {
    expect(looksLikeHeader(['卡号', '姓名', 'Something else'])).toBe(true);
    expect(isKnownLabel('Card No.')).toBe(true);
  });

  it('rejects rows of data', () => {
    expect(looksLikeHeader(['1001', '张三'])).toBe(false);
    expect(looksLikeHeader(['3f2504e0-4f89-11d3-9a0c-0305e82c3301'])).toBe(false);
    expect(looksLikeHeader([])).toBe(false);
  });
});
