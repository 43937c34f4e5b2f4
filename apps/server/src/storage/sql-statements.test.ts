import { describe, expect, it } from 'vitest';
import { splitSqlStatements } from './sql-statements.js';

describe('splitSqlStatements', () => {
  it('splits on semicolons and drops empty and comment-only pieces', () => {
    const sql = `-- migrate: no-transaction
-- a comment; with a semicolon
CREATE INDEX CONCURRENTLY a ON t (x);

/* block; comment */
DROP INDEX CONCURRENTLY IF EXISTS b;
-- trailing comment;
`;
    expect(splitSqlStatements(sql)).toEqual([
      '-- migrate: no-transaction\n-- a comment; with a semicolon\nCREATE INDEX CONCURRENTLY a ON t (x)',
      '/* block; comment */\nDROP INDEX CONCURRENTLY IF EXISTS b',
    ]);
  });

  it('keeps semicolons inside strings, quoted identifiers, dollar quotes and nested comments', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      "SELECT E'back\\'slash; quote'",
      'CREATE TABLE "odd;name" (x int)',
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql',
      'DO $$ BEGIN PERFORM 1; END $$',
      '/* outer /* inner; */ still comment; */ SELECT 2',
      'SELECT $1::int',
    ].join(';\n');
    expect(splitSqlStatements(sql)).toEqual([
      "INSERT INTO t VALUES ('a;b', 'it''s; fine')",
      "SELECT E'back\\'slash; quote'",
      'CREATE TABLE "odd;name" (x int)',
      'CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql',
      'DO $$ BEGIN PERFORM 1; END $$',
      '/* outer /* inner; */ still comment; */ SELECT 2',
      'SELECT $1::int',
    ]);
  });

  it('returns a last statement without its semicolon, and nothing for an empty script', () => {
    expect(splitSqlStatements('SELECT 1')).toEqual(['SELECT 1']);
    expect(splitSqlStatements('  \n-- only a comment\n')).toEqual([]);
  });
});
