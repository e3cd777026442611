export default function ImageLoading() {
  return (
    <main aria-busy="true" aria-label="Loading image" className="mx-auto max-w-[1600px] px-4 pt-4 pb-16 sm:px-6 sm:pt-6">
      <div className="mb-5 flex items-center gap-3">
        <div className="skeleton size-9 rounded-lg" />
        <div className="flex-1 space-y-2">
          <div className="skeleton h-5 w-56 rounded" />
          <div className="skeleton h-3 w-36 rounded" />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="skeleton h-[60vh] rounded-2xl" />
        <div className="space-y-4">
          <div className="skeleton h-72 rounded-2xl" />
          <div className="skeleton h-52 rounded-2xl" />
        </div>
      </div>
    </main>
  );
}
