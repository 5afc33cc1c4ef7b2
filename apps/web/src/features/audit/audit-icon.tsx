import type { SVGProps } from 'react';

/** A list with a clock: the audit log. Decorative, like the shell's other icons. */
export function IconAuditLog({ size = 18, ...props }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.75}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <path d="M4 6h9M4 11h6M4 16h5" />
      <circle cx="17" cy="15" r="4.5" />
      <path d="M17 12.8V15l1.6 1.2" />
    </svg>
  );
}
