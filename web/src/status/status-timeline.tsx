import { Box, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import type { AdmissionStatus } from './status-api';
import { CLASS_INFO, formatDays } from './status-labels';
import { timelineGeometry, type TimelineRow } from './timeline-geometry';

const LABEL_W = 220;
const PAD_R = 18;
const TOP = 24;
const ROW_H = 46;
const AXIS_H = 28;
const LINE_W = 6;
const color = (c: string) => `var(--mantine-color-${c})`;

/** One admission in words: the same facts the line shows, for the tooltip and for screen readers. */
export function admissionSentence(a: AdmissionStatus, asOf: string): string {
  const end = a.departureDate ? `departed ${a.departureDate}` : `no departure recorded by ${asOf}`;
  const aed = a.aed ? `AED ${a.aed}` : 'no AED could be computed';
  const over = a.overstayDays > 0 ? `, ${formatDays(a.overstayDays)} of overstay` : '';
  return `${a.classOfAdmission} admitted ${a.admissionDate}, ${aed}, ${end}: ${a.class}${over}.`;
}

/** Under the middle of the red segment, kept inside the plot: a short overstay near an edge is labelled from that edge. */
function overstayLabelAt(
  from: number,
  to: number,
  left: number,
  right: number,
): { x: number; textAnchor: 'start' | 'middle' | 'end' } {
  const mid = (from + to) / 2;
  const half = 45; // about half the width of "1,234 days over" at this size
  if (mid + half > right) return { x: to, textAnchor: 'end' };
  if (mid - half < left) return { x: from, textAnchor: 'start' };
  return { x: mid, textAnchor: 'middle' };
}

function Row({
  a,
  r,
  i,
  plotW,
  asOf,
}: {
  a: AdmissionStatus;
  r: TimelineRow;
  i: number;
  plotW: number;
  asOf: string;
}) {
  const info = CLASS_INFO[a.class];
  const y = TOP + i * ROW_H + ROW_H / 2;
  const px = (f: number) => LABEL_W + f * plotW;
  const x0 = px(r.start);
  const x1 = px(r.end);
  const tone = info.violation ? color('red-8') : color('dark-6');
  return (
    <g data-testid="timeline-row" data-class={a.class} data-admission={a.admissionNumber}>
      <title>{admissionSentence(a, asOf)}</title>
      <text x={0} y={y - 4} fontSize={12} fontWeight={600} fill={color('dark-7')}>
        {a.classOfAdmission} · {a.admissionDate}
      </text>
      <text x={0} y={y + 11} fontSize={11} fill={tone} fontWeight={info.violation ? 600 : 400}>
        {info.label}
      </text>
      {x1 - x0 < 1 ? (
        <circle
          cx={x0}
          cy={y}
          r={LINE_W / 2 + 1}
          fill={color('gray-6')}
          data-testid="timeline-stay"
        />
      ) : (
        <line
          x1={x0}
          x2={x1}
          y1={y}
          y2={y}
          stroke={color('gray-5')}
          strokeWidth={LINE_W}
          strokeLinecap="round"
          data-testid="timeline-stay"
        />
      )}
      {r.open && (
        <path
          d={`M ${x1 - 1} ${y - 6} L ${x1 + 6} ${y} L ${x1 - 1} ${y + 6} Z`}
          fill={color('gray-6')}
          aria-hidden
        />
      )}
      {r.overstay && (
        <>
          <line
            x1={px(r.overstay.from)}
            x2={px(r.overstay.to)}
            y1={y}
            y2={y}
            stroke={color('red-6')}
            strokeWidth={LINE_W + 2}
            data-testid="timeline-overstay"
          />
          <text
            {...overstayLabelAt(px(r.overstay.from), px(r.overstay.to), px(0), px(1))}
            y={y + 17}
            fontSize={10.5}
            fill={color('red-8')}
            fontWeight={600}
          >
            {formatDays(a.overstayDays)} over
          </text>
        </>
      )}
      {r.aed !== null && (
        <g data-testid="timeline-aed">
          <line
            x1={px(r.aed)}
            x2={px(r.aed)}
            y1={y - 10}
            y2={y + 10}
            stroke={color('dark-7')}
            strokeWidth={2}
          />
          <text x={px(r.aed)} y={y - 13} fontSize={10} textAnchor="middle" fill={color('dark-7')}>
            AED
          </text>
        </g>
      )}
      {r.aedAfterAsOf && (
        <text
          x={px(1) + PAD_R - 2}
          y={y - 10}
          fontSize={10}
          textAnchor="end"
          fill={color('dark-4')}
        >
          AED {a.aed} →
        </text>
      )}
    </g>
  );
}

/**
 * Each admission as a line on one date axis: admission to departure (an arrow when none was
 * recorded, to the as-of date), the AED marked, the overstay in red. Plain SVG sized to its box.
 */
export function StatusTimeline({
  admissions,
  asOf,
}: {
  admissions: readonly AdmissionStatus[];
  asOf: string;
}) {
  const { ref, width } = useElementSize();
  const id = useId();
  const g = timelineGeometry(admissions, asOf);
  const plotW = Math.max(0, width - LABEL_W - PAD_R);
  const height = TOP + admissions.length * ROW_H + AXIS_H;
  const px = (f: number) => LABEL_W + f * plotW;
  const axisY = TOP + admissions.length * ROW_H + 4;
  return (
    <Box ref={ref} data-testid="status-timeline" mb="xs">
      {plotW > 0 && (
        <svg
          width={width}
          height={height}
          role="img"
          aria-labelledby={`${id}-t ${id}-d`}
          style={{ display: 'block', fontFamily: 'inherit' }}
        >
          <title
            id={`${id}-t`}
          >{`Timeline of ${admissions.length} admission${admissions.length === 1 ? '' : 's'}, ${g.first} to the as-of date ${asOf}`}</title>
          <desc id={`${id}-d`}>{admissions.map((a) => admissionSentence(a, asOf)).join(' ')}</desc>
          {g.ticks.map((t) => (
            <g key={t.label}>
              <line x1={px(t.x)} x2={px(t.x)} y1={TOP - 4} y2={axisY} stroke={color('gray-2')} />
              <text
                x={px(t.x)}
                y={axisY + 15}
                fontSize={11}
                textAnchor="middle"
                fill={color('dark-3')}
              >
                {t.label}
              </text>
            </g>
          ))}
          <line x1={LABEL_W} x2={px(1)} y1={axisY} y2={axisY} stroke={color('gray-5')} />
          <line
            x1={px(1)}
            x2={px(1)}
            y1={TOP - 6}
            y2={axisY}
            stroke={color('navy-6')}
            strokeDasharray="4 3"
          />
          <text
            x={px(1) + PAD_R - 2}
            y={TOP - 10}
            fontSize={11}
            textAnchor="end"
            fill={color('navy-7')}
            data-testid="timeline-as-of"
          >
            as of {asOf}
          </text>
          {admissions.map((a, i) => (
            <Row
              key={`${a.admissionNumber}${a.admissionDate}`}
              a={a}
              r={g.rows[i]!}
              i={i}
              plotW={plotW}
              asOf={asOf}
            />
          ))}
        </svg>
      )}
      <Text size="xs" c="dimmed">
        Grey: admitted to departure (an arrow: no departure recorded, drawn to the as-of date).
        Black tick: the AED. Red: the days counted as overstay.
      </Text>
    </Box>
  );
}
