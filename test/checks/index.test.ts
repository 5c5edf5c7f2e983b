import { describe, expect, it } from 'vitest';
import { checkNames, customChecks, findCheck, instantiateChecks } from '../../src/checks/index.js';
import { validateParams } from '../../src/checks/params.js';
import type { CustomCheck } from '../../src/checks/types.js';
import { CheckParamError } from '../../src/checks/types.js';
import { runChecks, schemaOf } from './harness.js';

describe('registry', () => {
  it('is sorted by name, without duplicate names or aliases', () => {
    const names = customChecks.map((c) => c.name);
    expect(names).toEqual([...names].sort());
    const all = customChecks.flatMap((c) => [c.name, ...(c.aliases ?? []).map((a) => a.name)]);
    expect(new Set(all).size).toBe(all.length);
  });

  // Issue 11: the long names are Validata's own (validata-core registers `french-siret-value`…) and the
  // catalogue's: current, not deprecated; the short ones are odf's extra aliases. Neither warns.
  it.each([
    ['french-siret-value', 'siret'],
    ['siret', 'siret'],
    ['french-siren-value', 'siren'],
    ['siren', 'siren'],
    ['nomenclature-actes-value', 'nomenclature-acte'],
    ['nomenclature-acte', 'nomenclature-acte'],
    ['one-of-required', 'one-of-required'],
  ])('finds %s as %s, without a deprecation', (name, canonical) => {
    const found = findCheck(name);
    expect(found?.check.name).toBe(canonical);
    expect(found?.deprecated).toBeUndefined();
  });

  it('does not find an unknown name', () => {
    expect(findCheck('french-siret')).toBeUndefined();
  });
});

describe('validateParams', () => {
  const schema = {
    type: 'object' as const,
    required: ['column'],
    anyOf: [{ required: ['a'] }, { required: ['b'] }],
    properties: {
      column: { type: 'string' as const, minLength: 1 },
      op: { enum: ['<', '>'] },
      list: { type: 'array' as const, items: { type: 'string' as const }, minItems: 1 },
      flag: { type: 'boolean' as const },
    },
  };
  it.each([
    [{ column: 'x', a: 1 }, []],
    [{ column: 'x', b: 1, op: '<', list: ['y'], flag: true }, []],
    [{ a: 1 }, [['column', 'required']]],
    [{ column: 3, a: 1 }, [['column', 'type']]],
    [{ column: '', a: 1 }, [['column', 'empty']]],
    [{ column: 'x' }, [['a', 'one-of']]],
    [{ column: 'x', a: 1, op: '!=' }, [['op', 'enum']]],
    [{ column: 'x', a: 1, list: 'y' }, [['list', 'type']]],
    [{ column: 'x', a: 1, list: [] }, [['list', 'empty']]],
    [{ column: 'x', a: 1, list: [1] }, [['list', 'type']]],
    [{ column: 'x', a: 1, flag: 'yes' }, [['flag', 'type']]],
  ])('%j → %j', (params, expected) => {
    expect(validateParams(schema, params).map((p) => [p.param, p.kind])).toEqual(expected);
  });
});

describe('instantiateChecks', () => {
  const env = { hasColumn: () => true, emit: () => undefined };

  it('reports an unknown check with a suggestion, and runs the others', () => {
    const schema = schemaOf(
      ['siret'],
      [
        { name: 'french-siret-valeu', params: { column: 'siret' } },
        { name: 'siret', params: { column: 'siret' } },
      ],
    );
    const { instances, findings } = instantiateChecks(schema, env);
    expect(instances).toHaveLength(1);
    expect(findings).toEqual([
      {
        code: 'check-error',
        level: 'error',
        loc: {},
        params: {
          check: 'french-siret-valeu',
          position: 1,
          reason: 'unknown-check',
          suggestion: 'french-siret-value',
        },
      },
    ]);
  });

  it.each([
    [{ name: 'compare-columns-value', params: { column: 'a', op: '!=', column2: 'b' } }, [['op', 'enum']]],
    [{ name: 'compare-columns-value', params: { column: 'a', op: '<' } }, [['column2', 'required']]],
    [{ name: 'sum-columns-value', params: { column: 'a', columns: 'b' } }, [['columns', 'type']]],
    [
      { name: 'year-interval-value', params: { column: 'a', 'allow-year-only': 'oui' } },
      [['allow-year-only', 'enum']],
    ],
    [{ name: 'one-of-required', params: { column2: 'b' } }, [['column1', 'one-of']]],
    [{ name: 'siret', params: { column: 'nope' } }, [['column', 'unknown-field']]],
    [
      { name: 'sum-columns-value', params: { column: 'a', columns: ['b', 'zz'] } },
      [['columns', 'unknown-field']],
    ],
    [{ name: 'siret' }, [['column', 'required']]],
    [{ name: 'siret', params: ['a'] }, [['params', 'type']]],
  ])('%j → check-error %j', (spec, expected) => {
    const { instances, findings } = instantiateChecks(schemaOf(['a', 'b'], [spec]), env);
    expect(instances).toEqual([]);
    expect(findings.map((f) => [f.code, f.params.check, f.params.reason])).toEqual([
      ['check-error', spec.name, 'params'],
    ]);
    const problems = findings[0]?.params.problems as { param: string; kind: string }[];
    expect(problems.map((p) => [p.param, p.kind])).toEqual(expected);
  });

  it.each([[['not an object']], [[{ params: { column: 'a' } }]]])(
    'reports a malformed entry %j',
    (declared) => {
      const { findings } = instantiateChecks(schemaOf(['a'], declared), env);
      expect(findings.map((f) => [f.code, f.params.reason, f.params.position])).toEqual([
        ['check-error', 'malformed', 1],
      ]);
    },
  );

  it('turns a CheckParamError thrown by create into a check-error', () => {
    const picky: CustomCheck = {
      name: 'picky',
      params: {},
      create() {
        throw new CheckParamError('needs more', []);
      },
    };
    const { findings } = instantiateChecks(schemaOf(['a'], [{ name: 'picky' }]), env, [picky]);
    expect(findings.map((f) => [f.code, f.params.detail])).toEqual([['check-error', 'needs more']]);
  });

  it('runs a deprecated alias and warns with the current name', () => {
    const renamed: CustomCheck = {
      name: 'new-name',
      aliases: [{ name: 'old-name', deprecated: true }, { name: 'other-name' }],
      params: {},
      create(ctx) {
        return {
          row: (row) =>
            ctx.emit({
              code: ctx.declaredName,
              level: 'error',
              loc: { rowNumber: row.rowNumber },
              params: {},
            }),
        };
      },
    };
    expect(findCheck('old-name', [renamed])).toEqual({ check: renamed, deprecated: 'new-name' });
    expect(checkNames([renamed])).toEqual(['new-name', 'old-name', 'other-name']);
    const schema = schemaOf(['a'], [{ name: 'old-name' }, { name: 'other-name' }]);
    const { deprecated, flat } = runChecks(schema, [{ a: 'x' }], { registry: [renamed] });
    expect(deprecated).toHaveLength(1);
    expect(deprecated[0]).toMatchObject({
      code: 'check-deprecated',
      level: 'warning',
      params: { check: 'old-name', replacement: 'new-name' },
    });
    expect(flat).toEqual([
      [2, undefined, 'old-name'],
      [2, undefined, 'other-name'],
    ]);
  });

  it('accepts a schema without custom checks', () => {
    expect(instantiateChecks({ fields: [] }, env)).toEqual({ instances: [], findings: [] });
  });
});
