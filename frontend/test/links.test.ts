// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { linkify, safeHref } from "../src/widget/links";

const render = (text: string) => {
  const div = document.createElement("div");
  div.append(linkify(document, text));
  return div;
};

describe("safe links", () => {
  it("turns bare http(s) URLs into links that open safely, leaving punctuation outside", () => {
    const div = render("Manage it here: https://leasing.example.com/tours/abc123. Or http://x.example/a?b=1!");
    const links = [...div.querySelectorAll("a")].map((a) => [a.getAttribute("href"), a.textContent, a.getAttribute("rel"), a.getAttribute("target")]);
    expect(links).toEqual([
      ["https://leasing.example.com/tours/abc123", "https://leasing.example.com/tours/abc123", "noopener noreferrer", "_blank"],
      ["http://x.example/a?b=1", "http://x.example/a?b=1", "noopener noreferrer", "_blank"],
    ]);
    expect(div.textContent).toBe("Manage it here: https://leasing.example.com/tours/abc123. Or http://x.example/a?b=1!");
  });
  it("never creates markup from text", () => {
    const div = render('<img src=x onerror="alert(1)"> <a href="javascript:alert(1)">x</a> javascript:alert(2)');
    expect(div.querySelectorAll("img").length).toBe(0);
    expect(div.querySelectorAll("a").length).toBe(0);
    expect(div.textContent).toContain("<img src=x");
  });
  it("accepts only http and https", () => {
    expect(safeHref("https://a.example")).toBe("https://a.example/");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("data:text/html,hi")).toBeNull();
    expect(safeHref("not a url")).toBeNull();
  });
});
