/**
 * The DDL scanner and classifySchema (the fixture of test/fixtures/columns/ddl.sql is checked
 * in evaluation.test.ts; these are the dialect corners).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifySchema, parseDdl } from '../../src/classify/index.js';
import { lexSql } from '../../src/classify/ddl.js';

describe('lexSql', () => {
  it('reads quoted identifiers and strings with every escape', () => {
    const toks = lexSql("`a``b` \"c\"\"d\" [e f] 'it''s' 'it\\'s' E'x\\ny' N'中文' $$dollar ; quoted$$ $tag$ x $tag$");
    expect(toks.map((t) => [t.type, t.value])).toEqual([
      ['quoted', 'a`b'],
      ['quoted', 'c"d'],
      ['quoted', 'e f'],
      ['string', "it's"],
      ['string', "it's"],
      ['string', 'x\ny'],
      ['string', '中文'],
      ['string', 'dollar ; quoted'],
      ['string', ' x '],
    ]);
  });

  it('skips line and block comments', () => {
    expect(lexSql("a -- b\n# c\n/* d ; e */ f").map((t) => t.value)).toEqual(['a', 'f']);
  });

  it('never throws and ends unterminated strings and comments at the end', () => {
    expect(lexSql("'abc").map((t) => t.value)).toEqual(['abc']);
    expect(lexSql('/* abc')).toEqual([]);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        parseDdl(s);
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseDdl', () => {
  it('reads MySQL columns, types with parentheses, comments, and skips constraint lines', () => {
    const [t] = parseDdl(`
      CREATE TABLE IF NOT EXISTS \`db\`.\`t_cust\` (
        \`id\` bigint(20) unsigned NOT NULL AUTO_INCREMENT COMMENT '主键',
        \`amt\` DECIMAL(18, 2) DEFAULT '0.00' COMMENT '金额(元), 含税',
        \`kind\` ENUM('a','b') NOT NULL COMMENT 'it''s a \\'kind\\'',
        \`key\` varchar(8),
        PRIMARY KEY (\`id\`),
        UNIQUE KEY \`uk\` (\`amt\`, \`kind\`),
        KEY \`idx\` (\`kind\`),
        CONSTRAINT \`fk\` FOREIGN KEY (\`id\`) REFERENCES other (\`id\`),
        CHECK (amt > 0)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COMMENT='客户表; 含分号';
      INSERT INTO t_cust VALUES (1, 'a;b', 'c');`);
    expect(t).toEqual({
      name: 't_cust',
      comment: '客户表; 含分号',
      columns: [
        { name: 'id', type: 'bigint(20) unsigned', comment: '主键' },
        { name: 'amt', type: 'DECIMAL(18,2)', comment: '金额(元), 含税' },
        { name: 'kind', type: "ENUM('a','b')", comment: "it's a 'kind'" },
        { name: 'key', type: 'varchar(8)' },
      ],
    });
  });

  it('keeps at most 64 tokens of a column type, so junk types cost linear time', () => {
    // 100,000 tokens after the type: read in ~0.1 s; building its text once took 25 s.
    const t = parseDdl(`CREATE TABLE t (a int${' x'.repeat(100_000)}, b varchar(10))`)[0];
    expect(t.columns.map((c) => c.name)).toEqual(['a', 'b']);
    expect(t.columns[0].type).toBe(['int', ...Array(63).fill('x')].join(' '));
    expect(t.columns[1].type).toBe('varchar(10)');
  });

  it('reads Oracle and PostgreSQL COMMENT ON statements, quoted and schema-qualified', () => {
    const tables = parseDdl(`
      CREATE GLOBAL TEMPORARY TABLE "CORE"."T_A" ("ZJHM" VARCHAR2(32) NOT NULL ENABLE, "XM" VARCHAR2(60)) ON COMMIT PRESERVE ROWS;
      COMMENT ON TABLE "CORE"."T_A" IS '证件表';
      COMMENT ON COLUMN "CORE"."T_A"."ZJHM" IS '证件号码';
      comment on column t_a.xm is '姓名';
      COMMENT ON COLUMN public.t_b.only_here IS '只在注释里';`);
    expect(tables).toEqual([
      { name: 'T_A', comment: '证件表', columns: [{ name: 'ZJHM', type: 'VARCHAR2(32)', comment: '证件号码' }, { name: 'XM', type: 'VARCHAR2(60)', comment: '姓名' }] },
      { name: 't_b', columns: [{ name: 'only_here', comment: '只在注释里' }] },
    ]);
  });

  it('ignores statements that are not tables', () => {
    expect(parseDdl("CREATE INDEX i ON t (a); CREATE VIEW v AS SELECT 1; DROP TABLE x; SELECT ';'")).toEqual([]);
  });
});

describe('classifySchema', () => {
  it('classifies every column without data, per table, with the table comment as context', () => {
    const r = classifySchema(`
      CREATE TABLE t_jg (jgh VARCHAR(12) COMMENT '机构号', dz VARCHAR(200) COMMENT '地址', dh VARCHAR(20) COMMENT '电话') COMMENT='机构信息表';
      CREATE TABLE t_kh (xm VARCHAR(60) COMMENT '姓名', dz VARCHAR(200) COMMENT '地址', sjhm VARCHAR(20), jymm VARCHAR(64));`);
    expect(r.tables.map((t) => [t.table, t.level])).toEqual([
      ['t_jg', null],
      ['t_kh', 'C3'],
    ]);
    expect(r.tables[1].columns.map((c) => [c.field, c.level, c.type])).toEqual([
      ['xm', 'C2', 'VARCHAR(60)'],
      ['dz', 'C2', 'VARCHAR(200)'],
      ['sjhm', 'C2', 'VARCHAR(20)'],
      ['jymm', 'C3', 'VARCHAR(64)'],
    ]);
    expect(r.summary).toEqual({ C3: 1, C2: 3, C1: 0, none: 3 });
  });

  it('takes an array of columns too, and ignores malformed entries', () => {
    const r = classifySchema([
      { table: 't_customer', name: 'mobile' },
      { table: 't_customer', name: 'f7', comment: '证件号码', type: 'varchar(32)' },
      { table: 't_branch', name: 'address' },
      { name: 'loose' },
      null as unknown as { name: string },
      { table: 't', name: 42 as unknown as string },
    ]);
    expect(r.tables.map((t) => [t.table, t.columns.map((c) => c.level)])).toEqual([
      ['t_customer', ['C2', 'C2']],
      ['t_branch', [null]],
      ['', [null]],
    ]);
    expect(classifySchema(42 as unknown as string)).toEqual({ tables: [], summary: { C3: 0, C2: 0, C1: 0, none: 0 } });
  });
});
