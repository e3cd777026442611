import { money, type ProviderTotal } from "./usage-data";

/** Each provider's total for the period: spend, images, calls, average per image, and its share of the spend. */
export function ProviderTotals({ totals }: { totals: ProviderTotal[] }) {
  const all = totals.reduce((s, t) => s + t.costUsd, 0);
  const images = totals.reduce((s, t) => s + t.images, 0);
  const calls = totals.reduce((s, t) => s + t.calls, 0);
  return (
    // relative: the table's screen-reader-only text is positioned, and must stay inside the scrolling box.
    <div className="relative overflow-x-auto">
      <table data-testid="provider-totals" className="w-full sm:min-w-[30rem] text-left text-sm tabular-nums">
        <caption className="sr-only">Totals per provider</caption>
        <thead className="border-b border-line text-xs text-muted">
          <tr>
            <th scope="col" className="py-2 pr-3 font-medium">
              Provider
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Spend
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Images
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium max-sm:hidden">
              Calls
            </th>
            <th scope="col" className="py-2 pr-3 text-right font-medium">
              Per image
            </th>
            <th scope="col" className="w-[22%] py-2 font-medium max-sm:hidden">
              <span className="sr-only">Share of the spend</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {totals.map((t) => {
            const share = all > 0 ? (t.costUsd / all) * 100 : 0;
            return (
              <tr key={t.provider} data-testid="provider-total" data-provider={t.provider} className="border-b border-line/60">
                <th scope="row" className="py-2 pr-3 font-medium">
                  <span className="flex items-center gap-2">
                    <span aria-hidden="true" className="size-2.5 shrink-0 rounded-sm" style={{ background: t.color }} />
                    {t.label}
                  </span>
                </th>
                <td className="py-2 pr-3 text-right">
                  {money(t.costUsd)}
                  {t.unknownCalls > 0 && (
                    <span data-testid="provider-unknown" className="block text-xs font-normal text-muted">
                      {money(t.unknownUsd)} outcome unknown
                    </span>
                  )}
                </td>
                <td data-testid="provider-images" className="py-2 pr-3 text-right">
                  {t.images}
                </td>
                <td className="py-2 pr-3 text-right max-sm:hidden">{t.calls}</td>
                <td className="py-2 pr-3 text-right text-muted">{t.images ? money(t.costUsd / t.images) : "—"}</td>
                <td className="py-2 max-sm:hidden">
                  <div
                    className="h-1.5 overflow-hidden rounded-full bg-raised"
                    role="img"
                    aria-label={all > 0 ? `${Math.round(share)}% of the spend` : "No spend"}
                  >
                    <div className="h-full rounded-full" style={{ width: `${share}%`, background: t.color }} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot className="text-sm font-semibold">
          <tr>
            <th scope="row" className="py-2 pr-3">
              Total
            </th>
            <td data-testid="usage-total" className="py-2 pr-3 text-right">
              {money(all)}
            </td>
            <td className="py-2 pr-3 text-right">{images}</td>
            <td className="py-2 pr-3 text-right max-sm:hidden">{calls}</td>
            <td className="py-2 pr-3 text-right text-muted">{images ? money(all / images) : "—"}</td>
            <td className="max-sm:hidden" />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
