"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/client";
import type { Collection } from "@/components/api/types";

/**
 * The caller's collections (those the server rendered with the page first, when it did); `create` adds one and
 * answers it (errors are thrown for the form to show).
 */
export function useCollections(initial: Collection[] | null = null) {
  const [collections, setCollections] = useState<Collection[] | null>(initial);
  const [failed, setFailed] = useState(false);
  const fromServer = useRef(initial !== null);

  const refresh = useCallback(async () => {
    try {
      const { items } = await apiFetch<{ items: Collection[] }>("/api/v1/collections");
      setCollections(items);
      setFailed(false);
    } catch {
      setFailed(true);
    }
  }, []);

  useEffect(() => {
    if (fromServer.current) {
      fromServer.current = false;
      return;
    }
    void refresh();
  }, [refresh]);

  const create = useCallback(async (name: string) => {
    const created = await apiFetch<Collection>("/api/v1/collections", { method: "POST", json: { name } });
    setCollections((all) => [created, ...(all ?? [])]);
    return created;
  }, []);

  return { collections, failed, refresh, create };
}
