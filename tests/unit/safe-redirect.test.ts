/**
 * Where the sign-in page sends people afterwards (callbackUrl): only a path on this site.
 * Each refused value below was a way off-site (issue 12, "Open redirect after sign-in").
 */
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "@/lib/safe-redirect";

describe("safeRedirectPath", () => {
  it.each([
    "//evil.com",
    "///evil.com",
    "/\\evil.com",
    "\\\\evil.com",
    "/%5Cevil.com",
    "/%5cevil.com",
    "/%2F/evil.com",
    "/%2f%2fevil.com",
    "/%09/evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "/%0A/evil.com",
    "/%250A/evil.com",
    " //evil.com",
    "https://evil.com",
    "http://localhost:3000/org",
    "evil.com",
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "/%",
    "",
    null,
    undefined,
  ])("refuses %j", (raw) => {
    expect(safeRedirectPath(raw)).toBe("/");
  });

  it.each([
    ["/", "/"],
    ["/org", "/org"],
    ["/org?x=1", "/org?x=1"],
    ["/volunteers?q=%E5%BC%A0", "/volunteers?q=%E5%BC%A0"],
    ["/stations/abc#top", "/stations/abc#top"],
  ])("keeps the same-site path %j", (raw, want) => {
    expect(safeRedirectPath(raw)).toBe(want);
  });

  it("uses the given fallback", () => {
    expect(safeRedirectPath("//evil.com", "/platform")).toBe("/platform");
  });
});
