/** Regia's mark: an R on a blue tile (the same drawing as the favicon). */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="#1c7ed6" />
      <path
        d="M9 24V8h8a5 5 0 0 1 0 10h-8m8 0 6 6"
        fill="none"
        stroke="#fff"
        strokeWidth="3"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
