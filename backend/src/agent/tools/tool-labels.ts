/** Short activity labels shown while a tool runs. */
export const TOOL_LABELS: Record<string, string> = {
  search_properties: "Searching listings…",
  get_property_details: "Looking up the property…",
  check_availability: "Checking availability…",
  save_prospect_info: "Saving your details…",
  book_tour: "Booking your tour…",
  list_my_tours: "Looking up your tours…",
  reschedule_tour: "Rescheduling your tour…",
  cancel_tour: "Cancelling your tour…",
  open_tour_link: "Opening your tour…",
};

export function toolLabel(name: string): string {
  return TOOL_LABELS[name] ?? "Working on it…";
}
