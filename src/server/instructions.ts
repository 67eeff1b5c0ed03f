export function serverInstructions(defaultSpace: string): string {
  return [
    'Tools for one Kibana, through its REST API.',
    `Spaces: most objects live in a space. Tools that take space_id (lower case letters, digits, _ and -) use "${defaultSpace}" when it is omitted; list_spaces shows the others. Writes into a space that does not exist are refused.`,
    'Tiers: the server exposes read, write or also destructive tools, as its operator chose; a missing tool was not enabled, not forgotten. Destructive calls may ask the user to confirm.',
    'Schemas of large inputs hide optional fields below some depth; every call is still checked in full, and an error names each wrong field and what it expects.',
    'Large results are cut with a notice: narrow the call with paging (page, per_page), filters or fields, or fetch single objects by id.',
  ].join('\n');
}
