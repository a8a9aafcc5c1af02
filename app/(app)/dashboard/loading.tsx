/** While the metrics are computed: the page's shape (year pills, tiles, a chart), in grey. */
export default function Loading() {
  return (
    <div className="animate-pulse" aria-busy="true" aria-label="正在加载数据看板">
      <div className="mb-2 h-8 w-40 rounded bg-gray-200" />
      <div className="mb-6 h-5 w-56 rounded bg-gray-100" />
      <div className="mb-6 flex flex-wrap gap-2">
        {Array.from({ length: 5 }, (_, i) => (
          <div key={i} className="h-11 w-20 rounded-full bg-gray-100" />
        ))}
      </div>
      <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-36 rounded-lg border border-gray-200 bg-white p-4">
            <div className="h-4 w-2/3 rounded bg-gray-100" />
            <div className="mt-3 h-8 w-1/3 rounded bg-gray-200" />
            <div className="mt-3 h-4 w-1/2 rounded bg-gray-100" />
          </div>
        ))}
      </div>
      <div className="mt-8 h-72 rounded-lg border border-gray-200 bg-white" />
    </div>
  );
}
