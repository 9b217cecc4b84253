/** "just now", "5 min ago", "3 h ago", "2 days ago", or "never". */
export function formatLastSeen(date: Date | null, now: number = Date.now()): string {
  if (!date) return "never";
  const minutes = Math.floor((now - date.getTime()) / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? "day" : "days"} ago`;
}
