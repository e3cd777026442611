"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/components/api/client";
import { deleteCollection, renameCollection } from "@/components/api/collections";
import type { Collection } from "@/components/api/types";

/**
 * The caller's collections (those the server rendered with the page first, when it did); `create` adds one and
 * answers it, `rename` and `remove` change one (errors are thrown for the form to show).
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

  const rename = useCallback(async (id: string, name: string) => {
    const renamed = await renameCollection(id, name);
    setCollections((all) => all?.map((c) => (c.id === id ? renamed : c)) ?? null);
    return renamed;
  }, []);

  /** Deletes a collection (its images stay in the gallery). */
  const remove = useCallback(async (id: string) => {
    await deleteCollection(id);
    setCollections((all) => all?.filter((c) => c.id !== id) ?? null);
  }, []);

  return { collections, failed, refresh, create, rename, remove };
}
