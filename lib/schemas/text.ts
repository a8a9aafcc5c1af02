/**
 * Small zod pieces many schemas share: required and optional text with Chinese messages
 * naming the field, and a list page number from a query string. Pure: safe in client components.
 */
import { z } from "zod";
import { emptyToUndefined } from "./person";

/** Required text, trimmed, at most `max` characters. */
export const text = (label: string, max: number) =>
  z.string({ error: `请填写${label}` }).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字`);

/** Optional text, trimmed, at most `max` characters; "" (an empty form field) is absent. */
export const optionalText = (label: string, max: number) =>
  z.preprocess(emptyToUndefined, z.string({ error: `${label}须为文字` }).trim().max(max, `${label}不能超过 ${max} 个字`).optional());

/** A list page number from a query string (1 when absent). */
export const ZPage = z.preprocess(emptyToUndefined, z.coerce.number({ error: "页码有误" }).int("页码有误").min(1, "页码有误").max(10_000, "页码有误").default(1));
