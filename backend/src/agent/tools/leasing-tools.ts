import { createBookTourTool } from "./book-tour.tool";
import { createCancelTourTool } from "./cancel-tour.tool";
import { createCheckAvailabilityTool } from "./check-availability.tool";
import { createGetPropertyDetailsTool } from "./get-property-details.tool";
import { createListMyToursTool } from "./list-my-tours.tool";
import { createOpenTourLinkTool } from "./open-tour-link.tool";
import { createRescheduleTourTool } from "./reschedule-tour.tool";
import { createSaveProspectInfoTool } from "./save-prospect-info.tool";
import { createSearchPropertiesTool } from "./search-properties.tool";
import type { ToolDeps } from "./tool-deps";

/** Every tool the leasing agent may call. */
export function createLeasingTools(d: ToolDeps) {
  return [
    createSearchPropertiesTool(d),
    createGetPropertyDetailsTool(d),
    createCheckAvailabilityTool(d),
    createSaveProspectInfoTool(d),
    createBookTourTool(d),
    createListMyToursTool(d),
    createRescheduleTourTool(d),
    createCancelTourTool(d),
    createOpenTourLinkTool(d),
  ];
}
