// The small text buttons of the revisions panel and of the revision it shows.
export const SMALL_BUTTON = "inline-flex min-h-8 items-center rounded-md px-2 text-xs font-medium text-muted hover:bg-accent-soft/60 hover:text-ink";
