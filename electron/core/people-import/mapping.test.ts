import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.ts';
import { mappingForColumn, suggestMapping } from './mapping.ts';
import { parsePeopleTable } from './parse-table.ts';

describe('suggestMapping', () => {
  it('maps the first column of each suggested kind the mode reads', () => {
    const table = parsePeopleTable('人员ID,姓名,人脸ID,注册照片ID,卡号\n1,A,f,r,c\n');
    expect(suggestMapping(table, 'people')).toEqual({ identity_id: 0, name: 1 });
    expect(suggestMapping(table, 'faces-only')).toEqual({ identity_id: 0, name: 1, face_id: 2, register_image_id: 3 });
  });

  it('prefers typed id columns over a generic id column in people mode', () => {
    const table = parsePeopleTable('ID,link_id\n1,x\n');
    expect(suggestMapping(table, 'people')).toEqual({ link_id: 1 });
    expect(suggestMapping(parsePeopleTable('ID,Name\n1,x\n'), 'people')).toEqual({ nativeId: 0, name: 1 });
  });

  it('suggests the first column of a table without header as native id, or identity_id for faces', () => {
    const table = parsePeopleTable('1001,f1\n1002,f2\n');
    expect(suggestMapping(table, 'people')).toEqual({ nativeId: 0 });
    expect(suggestMapping(table, 'faces-only')).toEqual({ identity_id: 0 });
  });

  it('suggests nothing for a header without id columns', () => {
    expect(suggestMapping(parsePeopleTable('卡号,部门\n1,2\n'), 'people')).toEqual({});
  });
});

describe('mappingForColumn', () => {
  const table = parsePeopleTable('工号,Link ID,Identity ID,姓名\n1,x,2,A\n');

  it('reads a typed column as its kind and keeps the name column', () => {
    expect(mappingForColumn(table, 'link_id', 'people')).toEqual({ link_id: 1, name: 3 });
    expect(mappingForColumn(table, 'IDENTITY ID', 'people')).toEqual({ identity_id: 2, name: 3 });
  });

  it('reads any other column as native id, found by label or number', () => {
    expect(mappingForColumn(table, '工号', 'people')).toEqual({ nativeId: 0, name: 3 });
    expect(mappingForColumn(table, '1', 'people')).toEqual({ nativeId: 0, name: 3 });
    expect(mappingForColumn(parsePeopleTable('1,2\n'), 'Column 2', 'people')).toEqual({ nativeId: 1 });
  });

  it('reads the column as identity_id in faces-only mode', () => {
    const faces = parsePeopleTable('工号,face_id\n1,f\n');
    expect(mappingForColumn(faces, '工号', 'faces-only')).toEqual({ identity_id: 0, face_id: 1 });
  });

  it('lists the columns when the name matches none', () => {
    let error: unknown;
    try {
      mappingForColumn(table, 'person', 'people');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toBe(
      'There is no column named "person". The columns are "工号", "Link ID", "Identity ID", "姓名": name one of them.',
    );
  });
});
