import type { TLShapeId } from 'tldraw';
import { buildWithHeader } from '../build.ts';
import { AREA_COLORS, PARTY_COLORS, partyLabel, type ResolvedOptions } from '../options.ts';
import { addArea, LAYOUT, type Body, type Sheet } from '../sheet.ts';
import type { AreaKind, Party, PartyRef, Template } from '../types.ts';

const ROLE_AREAS: { kind: AreaKind; name: string; prompt: string }[] = [
  { kind: 'evaluation', name: 'Judged on', prompt: 'What are they rated on? Metrics, reviews, who they answer to.' },
  { kind: 'constraint', name: 'Hidden constraints', prompt: "What weighs on them that the other two don't see?" },
  { kind: 'success', name: 'Success looks like', prompt: 'Describe a great quarter from where they sit.' },
];

const TENSIONS: { party: PartyRef; prompt: string }[] = [
  { party: 'em+business', prompt: 'Where do these two get pulled apart? Name the trade-off, not the person.' },
  { party: 'pm+business', prompt: 'Where do these two get pulled apart? Name the trade-off, not the person.' },
  { party: 'em+pm', prompt: 'Where do these two get pulled apart? Name the trade-off, not the person.' },
];

/**
 * Trifecta map: EM, PM and business lead as the corners of a triangle (business at the top), each
 * with how they are judged, hidden constraints and success; a tension area on each edge; the
 * outcomes all three share in the middle. Always has all three parties.
 */
export function layoutTrifectaMap(sheet: Sheet, o: ResolvedOptions, x: number, y: number): Body {
  const { cellW: w, cellH: h, gapX, gapY } = LAYOUT;
  const blockW = ROLE_AREAS.length * (w + gapX) - gapX;
  const wide = 2 * gapX;
  const totalW = 2 * blockW + 2 * wide + w;
  const sharedW = 640;
  const rowY = [y, y + h + gapY, y + 2 * (h + gapY)] as const;
  const ids = { role: [] as TLShapeId[], tension: [] as TLShapeId[], shared: [] as TLShapeId[] };

  const block = (party: Party, bx: number, by: number) => {
    ROLE_AREAS.forEach((area, i) => {
      ids.role.push(
        addArea(sheet, {
          key: `${party}-${area.kind}`,
          x: bx + i * (w + gapX),
          y: by,
          w,
          h,
          name: `${o.labels[party]} · ${area.name}`,
          color: PARTY_COLORS[party],
          kind: area.kind,
          party,
          partyLabel: o.labels[party],
          prompt: area.prompt,
        }),
      );
    });
  };
  const tension = (t: (typeof TENSIONS)[number], tx: number, ty: number) => {
    const label = partyLabel(o.labels, t.party);
    ids.tension.push(
      addArea(sheet, { key: `tension-${t.party.replace('+', '-')}`, x: tx, y: ty, w, h, name: `Tension · ${label}`, color: AREA_COLORS.tension, kind: 'tension', party: t.party, partyLabel: label, prompt: t.prompt }),
    );
  };

  block('business', x + (totalW - blockW) / 2, rowY[0]);
  const sharedX = x + (totalW - sharedW) / 2;
  const [leftEdge, rightEdge, bottomEdge] = TENSIONS as [(typeof TENSIONS)[number], (typeof TENSIONS)[number], (typeof TENSIONS)[number]];
  tension(leftEdge, sharedX - gapX - w, rowY[1]);
  ids.shared.push(
    addArea(sheet, {
      key: 'shared-outcome',
      x: sharedX,
      y: rowY[1],
      w: sharedW,
      h,
      name: 'Shared outcomes · all three',
      color: AREA_COLORS.shared,
      kind: 'shared-outcome',
      prompt: 'What are all three rated on together? Outcomes, not outputs.',
    }),
  );
  tension(rightEdge, sharedX + sharedW + gapX, rowY[1]);
  block('em', x, rowY[2]);
  tension(bottomEdge, x + blockW + wide, rowY[2]);
  block('pm', x + blockW + wide + w + wide, rowY[2]);

  return {
    w: totalW,
    h: 3 * h + 2 * gapY,
    agenda: [
      {
        id: 'trifecta-roles',
        title: 'Map each role',
        goal: 'How each of the three is judged, what weighs on them, and what a win means to them.',
        minutes: 15,
        prompt: 'Each person fills their own three areas first. Then the others add what they would have guessed.',
        pitfall: "Filling in someone else's constraints for them instead of asking.",
        areaIds: ids.role,
      },
      {
        id: 'trifecta-tensions',
        title: 'Name the tensions',
        goal: 'For each pair, the trade-off they keep running into.',
        minutes: 10,
        prompt: 'Take one edge at a time. Write the pull between the two roles as a trade-off, not a complaint.',
        pitfall: "A tension written as someone's fault.",
        areaIds: ids.tension,
      },
      {
        id: 'trifecta-shared',
        title: 'Agree what you share',
        goal: 'A short list of outcomes all three will be rated on together.',
        minutes: 10,
        prompt: 'Look across the three success areas. What shows up in all of them? Move it to the middle.',
        pitfall: "Two against one: EM and PM teaming up against 'unreasonable' business asks.",
        areaIds: [...ids.shared, ...ids.role.filter((_, i) => i % ROLE_AREAS.length === 2)],
      },
    ],
  };
}

/** The trifecta-map template. */
export const trifectaMap: Template = {
  id: 'trifecta-map',
  title: 'Trifecta map',
  description: 'EM, PM and business lead: how each is judged, what only they can see, and what all three share.',
  kind: 'method',
  options: { parties: true, includeBusiness: false, stages: false },
  build: (options) =>
    buildWithHeader(
      {
        id: 'trifecta-map',
        slug: 'trifecta',
        title: 'Trifecta map',
        describe: () => 'Three roles, one rating. See how each is judged and what only they can see, then agree what all three are rated on together.',
      },
      { ...options, includeBusiness: true },
      layoutTrifectaMap,
    ),
};
