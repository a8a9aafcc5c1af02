"use client";
import { Button } from "@/components/ui/button";

export default function AppError({ reset }: { error: Error; reset: () => void }) {
  return (
    <div className="rounded-lg border border-red-200 bg-white p-8 text-center">
      <h1 className="text-xl font-semibold text-gray-900">页面出错了</h1>
      <p className="mt-2 text-base text-gray-600">刚才的操作没有完成，您填写的内容没有保存。请重试；如果一直出错，请联系区关工委管理员。</p>
      <Button className="mt-4" onClick={reset}>
        重试
      </Button>
    </div>
  );
}
