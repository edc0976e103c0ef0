import type { ComponentType } from 'react';

export type Icon = ComponentType<{ size?: number }>;

/** A line icon drawn from one SVG path (no icon library needed). */
export function lineIcon(d: string): Icon {
  function LineIcon({ size = 18 }: { size?: number }) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d={d} />
      </svg>
    );
  }
  return LineIcon;
}

export const HomeIcon = lineIcon('M3 11l9-7 9 7M5 10v10h5v-6h4v6h5V10');
export const OrganizationIcon = lineIcon(
  'M3 21h18M5 21V8l7-5 7 5v13M9 21v-6h6v6M9 11h.01M15 11h.01',
);
export const UnitsIcon = lineIcon('M4 6h16M4 12h16M4 18h10');
export const UsersIcon = lineIcon(
  'M16 19v-1a4 4 0 0 0-4-4H7a4 4 0 0 0-4 4v1M9.5 10a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7M21 19v-1a4 4 0 0 0-3-3.9M15.5 3.1a3.5 3.5 0 0 1 0 6.8',
);
export const PeriodsIcon = lineIcon('M5 5h14v15H5zM5 10h14M9 3v4M15 3v4M12 14v3');
export const AuditIcon = lineIcon('M9 12l2 2 4-4M12 3l7 3v5c0 4.5-3 8.5-7 10-4-1.5-7-5.5-7-10V6z');
export const AccountIcon = lineIcon('M6 11h12v9H6zM8.5 11V8a3.5 3.5 0 0 1 7 0v3');
export const ExecutionIcon = lineIcon('M4 20V10M10 20V4M16 20v-7M22 20H2');
