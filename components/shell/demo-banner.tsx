/** The slim strip on every page of a demo district: nobody should type real people in here. */
export function DemoBanner() {
  return (
    <div role="note" data-testid="demo-banner" className="no-print bg-amber-100 px-4 py-1.5 text-center text-base text-amber-900">
      <span className="font-semibold">演示数据</span> · 本区为演示用虚构数据，请勿录入真实信息
    </div>
  );
}
