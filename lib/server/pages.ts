import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "./errors";

/** In pages: a NOT_FOUND from the scope layer becomes the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof AppError && (e.code === "NOT_FOUND" || e.code === "FORBIDDEN")) notFound();
    throw e;
  }
}
