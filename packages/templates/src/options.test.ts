import { describe, expect, it } from 'vitest';
import { resolveOptions } from './options.ts';
import { parseTemplateOptions } from './registry.ts';

describe('parseTemplateOptions', () => {
  it('accepts no options, and full options', () => {
    expect(parseTemplateOptions('needs-vs-positions', undefined)).toMatchObject({ ok: true, options: {} });
    const full = parseTemplateOptions('staged-compromise', { parties: { em: '  Priya   (EM) ', pm: 'Marco (PM)' }, includeBusiness: true, stages: 4 });
    expect(full).toMatchObject({ ok: true, options: { parties: { em: 'Priya (EM)', pm: 'Marco (PM)' }, includeBusiness: true, stages: 4 } });
    if (full.ok) expect(full.template.id).toBe('staged-compromise');
  });

  it.each([2, 3, 4, '2', '4'])('accepts stages %j', (stages) => {
    expect(parseTemplateOptions('staged-compromise', { stages })).toMatchObject({ ok: true, options: { stages: Number(stages) } });
  });

  it.each([1, 5, 0, -3, 2.5, '5', 'three', null, true])('rejects stages %j with a clear message', (stages) => {
    const r = parseTemplateOptions('staged-compromise', { stages });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/stages must be an integer from 2 to 4/);
  });

  it('accepts URL-style booleans and treats blank labels as unset', () => {
    expect(parseTemplateOptions('diagnose', { includeBusiness: 'true' })).toMatchObject({ ok: true, options: { includeBusiness: true } });
    expect(parseTemplateOptions('diagnose', { includeBusiness: 'false' })).toMatchObject({ ok: true, options: { includeBusiness: false } });
    expect(parseTemplateOptions('diagnose', { parties: { em: '   ' } })).toMatchObject({ ok: true, options: { parties: {} } });
  });

  it.each([
    ['unknown template', 'nope', {}, /unknown template "nope"/],
    ['non-string id', 42, {}, /unknown template/],
    ['options not an object', 'diagnose', 'x', /options must be an object/],
    ['array options', 'diagnose', [], /options must be an object/],
    ['unknown key', 'diagnose', { stage: 3 }, /unknown option 'stage'/],
    ['unknown party', 'diagnose', { parties: { designer: 'Ann' } }, /unknown party 'designer'/],
    ['label not a string', 'diagnose', { parties: { em: 7 } }, /parties.em must be a string/],
    ['label too long', 'diagnose', { parties: { pm: 'x'.repeat(41) } }, /at most 40/],
    ['control characters', 'diagnose', { parties: { pm: 'a\u0007b' } }, /control characters/],
    ['includeBusiness not boolean', 'diagnose', { includeBusiness: 'yes' }, /includeBusiness must be true or false/],
  ])('rejects %s', (_, id, input, message) => {
    const r = parseTemplateOptions(id, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });
});

describe('resolveOptions', () => {
  it('fills defaults', () => {
    expect(resolveOptions({ idPrefix: 'x' })).toEqual({
      idPrefix: 'x',
      labels: { em: 'EM', pm: 'PM', business: 'Business lead' },
      includeBusiness: false,
      stages: 3,
      parties: ['em', 'pm'],
    });
  });
});
