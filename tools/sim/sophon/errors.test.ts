import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generatePeople } from '../common/people.ts';
import { SOPHON_ERRORS, type SophonErrorCode } from './index.ts';
import { jpegHeadBase64, pngBase64, startSophon, type CallOptions, type RunningSophon } from './test-client.ts';

/** A request that must produce each error code, with the exact answer expected. */
interface Case {
  op: string;
  body?: unknown;
  options?: CallOptions;
  httpStatus: number;
  message: string;
  status: string;
}

const PHOTO = pngBase64(200, 200);

const CASES: Record<SophonErrorCode, Case> = {
  UNSUPPORT_CONTENT_TYPE: {
    op: 'getidentity',
    body: { identity_id: '100000' },
    options: { contentType: 'text/plain' },
    httpStatus: 415,
    message: 'http内容类型不支持: text/plain',
    status: 'INVALID_ARGUMENT',
  },
  INVALID_REQUEST_JSON: {
    op: 'deleteidentities',
    options: { rawBody: '{"identity_ids": ["100000"' },
    httpStatus: 400,
    message: '无效的JSON数据请求',
    status: 'INVALID_ARGUMENT',
  },
  MISSING_ARGUMENTS: {
    op: 'deleteidentities',
    body: {},
    httpStatus: 400,
    message: '缺失参数的名称: identity_ids',
    status: 'INVALID_ARGUMENT',
  },
  INVALID_ARGUMENTS: {
    op: 'getidentities',
    body: { page_index: -1 },
    httpStatus: 400,
    message: '无效参数的值: page_index=-1',
    status: 'INVALID_ARGUMENT',
  },
  ID_NOT_FOUND: {
    op: 'getidentity',
    body: { identity_id: 'nobody' },
    httpStatus: 404,
    message: '未找到的ID值: nobody',
    status: 'NOT_FOUND',
  },
  ID_REPEAT_ERROR: {
    op: 'createidentity',
    body: { identity_id: '100000', register_image: PHOTO },
    httpStatus: 409,
    message: '重复的ID值: 100000',
    status: 'ALREADY_EXISTS',
  },
  NAME_REPEAT_ERROR: {
    op: 'createpermission',
    body: { permission_name: '前门' },
    httpStatus: 409,
    message: '重复的名字: 前门',
    status: 'ALREADY_EXISTS',
  },
  GROUP_LEN_ERROR: {
    op: 'createidentity',
    body: { identity_id: '200000', register_image: PHOTO },
    httpStatus: 400,
    message: '超过人员底库容量: 3/3',
    status: 'RESOURCE_EXHAUSTED',
  },
  IMAGE_DECODE_ERROR: {
    op: 'addface',
    body: { identity_id: '100000', register_image: 'this is not base64!' },
    httpStatus: 400,
    message: '图片解码失败: register_image',
    status: 'INVALID_ARGUMENT',
  },
  IMAGE_SIZE_TOO_LARGE_ERROR: {
    op: 'addface',
    body: { identity_id: '100000', register_image: jpegHeadBase64(6000, 4000) },
    httpStatus: 400,
    message: '图片尺寸过大: 6000x4000',
    status: 'INVALID_ARGUMENT',
  },
  LOW_QUALITY_ERROR: {
    op: 'addface',
    body: { identity_id: '100000', register_image: pngBase64(80, 80) },
    httpStatus: 400,
    message: '失败项目: face_size',
    status: 'FAILED_PRECONDITION',
  },
  NO_FACE_ERROR: {
    op: 'addface',
    body: { identity_id: '100000', register_image: pngBase64(16, 16), fiqa_level: 'no' },
    httpStatus: 400,
    message: '没有找到人脸',
    status: 'FAILED_PRECONDITION',
  },
  PASSWORD_ERROR: {
    op: 'login',
    body: { username: 'admin', password: 'wrong' },
    httpStatus: 401,
    message: '密码错误',
    status: 'UNAUTHENTICATED',
  },
  INTERNAL_ERROR: {
    op: 'getidentity',
    body: { identity_id: '100000' },
    httpStatus: 500,
    message: '服务器内部错误',
    status: 'INTERNAL',
  },
};

describe('Sophon error answers', () => {
  let sim: RunningSophon;
  beforeAll(async () => {
    sim = await startSophon({ seed: 'errors', people: generatePeople('errors', 3), knobs: { capacity: 3 } });
    expect((await sim.call('createpermission', { permission_name: '前门' })).status).toBe(200);
  });
  afterAll(() => sim.close());

  it('covers every code the simulator knows', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(SOPHON_ERRORS).sort());
  });

  for (const [code, c] of Object.entries(CASES)) {
    it(`produces ${code} with its documented message, status and HTTP ${c.httpStatus}`, async () => {
      if (code === 'INTERNAL_ERROR') sim.device.knobs.set({ faults: [{ kind: 'http500', count: 1 }] });
      const answer = await sim.call(c.op, c.body, c.options);
      expect(answer.status).toBe(c.httpStatus);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      expect(answer.json).toEqual({ error: { code, message: c.message, status: c.status } });
    });
  }

  it('names the missing argument and the invalid value in the message', async () => {
    const missing = await sim.call('deleteface', { identity_id: '100000' });
    expect(missing.json).toMatchObject({
      error: { code: 'MISSING_ARGUMENTS', message: '缺失参数的名称: register_image_id|face_id' },
    });
    const wrongType = await sim.call('getidentity', { identity_id: 100000 });
    expect(wrongType.json).toMatchObject({
      error: { code: 'INVALID_ARGUMENTS', message: '无效参数的值: identity_id=100000' },
    });
    // '' is a value, only null counts as missing ("''不为空，None才为空").
    expect((await sim.call('getidentity', { identity_id: null })).json).toMatchObject({
      error: { code: 'MISSING_ARGUMENTS' },
    });
    expect((await sim.call('getidentity', { identity_id: '' })).json).toMatchObject({
      error: { code: 'ID_NOT_FOUND' },
    });
  });
});
