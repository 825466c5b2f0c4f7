/**
 * Removes what the sender did not write in this message (except a forwarded message sent with
 * little or no text of its own, which is what the sender wants read): quoted history ("On … wrote:",
 * "-----Original Message-----", Outlook headers, "> " lines) and the signature block.
 */
export function stripQuotedText(text: string, o: { forwarded?: boolean } = {}): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  const out: string[] = [];
  let inForward = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const t = line.trim();
    // A forward with little or nothing added ("FYI, see below"): the forwarded message is what
    // the sender wants read. Its header lines are left out; a second history inside it still ends it.
    const written = out.join(" ").trim().length;
    const forwardStart =
      /^-{2,}\s*Forwarded message\s*-{2,}$/i.test(t) ||
      /^Begin forwarded message:?$/i.test(t) ||
      (o.forwarded === true && /^From:\s.+/i.test(t) && /^(Sent|Date|To|Subject):\s/i.test((lines[i + 1] ?? "").trim()));
    if (forwardStart && !inForward && written < 200) {
      inForward = true;
      out.push("[Forwarded message]");
      while (i + 1 < lines.length && /^\s*(From|Sent|Date|To|Cc|Subject|Reply-To):\s/i.test(lines[i + 1])) i++;
      continue;
    }
    // Reply headers end the new text.
    if (/^On .{6,200}wrote:\s*$/i.test(t) || (/^On .{6,200}$/i.test(t) && /wrote:\s*$/i.test((lines[i + 1] ?? "").trim()))) break;
    if (/^Le .{6,200}a écrit\s*:\s*$/i.test(t) || /^Am .{6,200}schrieb.*:\s*$/i.test(t) || /^El .{6,200}escribió:\s*$/i.test(t)) break;
    if (/^-{2,}\s*(Original Message|Forwarded message|Reply message)\s*-{2,}$/i.test(t)) break;
    if (/^_{10,}$/.test(t)) break;
    if (/^From:\s.+/i.test(t) && /^(Sent|Date|To|Subject):\s/i.test((lines[i + 1] ?? "").trim())) break;
    // Signatures: the standard delimiter and phone sign-offs.
    if (line === "-- " || t === "--") break;
    if (/^(Sent from my (iPhone|iPad|Android|phone|mobile|Galaxy|Pixel)|Get Outlook for (iOS|Android)|Sent via .{1,40})\.?$/i.test(t)) break;
    if (/^>/.test(t)) continue;
    out.push(line);
  }
  return out
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
