import { tool } from "langchain";
import { z } from "zod";
import { conversationIdOf } from "../agent-context";
import { bookingLine } from "./format";
import { sessionUpcomingTours } from "./session-tours";
import type { ToolDeps, ToolOutput } from "./tool-deps";

export function createListMyToursTool(d: ToolDeps) {
  return tool(
    async (_args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const tours = sessionUpcomingTours(d, conversationId);
      if (tours.length === 0) return ["No upcoming tours are booked in this conversation.", { ok: true, count: 0, tours: [] }];
      const lines = tours.map((b) => bookingLine(b, d.properties.get(b.propertyId)));
      return [`Upcoming tours:\n${lines.join("\n")}`, { ok: true, count: tours.length, tours: tours.map((b) => b.id) }];
    },
    {
      name: "list_my_tours",
      description: "List the upcoming tours booked in this conversation (or opened from a tour link shared here), with their ids, properties and local times.",
      schema: z.object({}),
      responseFormat: "content_and_artifact",
    },
  );
}
