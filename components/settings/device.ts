/**
 * A user agent in plain words for the "登录设备" list ("Windows 电脑 · Chrome 浏览器").
 * Only the common families are named: the list helps someone recognise their own devices,
 * not fingerprint them; anything else is "其他浏览器".
 */
export function describeDevice(ua: string | null | undefined): string {
  if (!ua) return "未知设备";
  const os = /Android/i.test(ua)
    ? "安卓手机"
    : /iPhone|iPod/i.test(ua)
      ? "苹果手机"
      : /iPad/i.test(ua)
        ? "苹果平板"
        : /Windows/i.test(ua)
          ? "Windows 电脑"
          : /Mac OS X|Macintosh/i.test(ua)
            ? "苹果电脑"
            : /Linux|X11/i.test(ua)
              ? "Linux 电脑"
              : "其他设备";
  const browser = /MicroMessenger/i.test(ua)
    ? "微信"
    : /Edg\//i.test(ua)
      ? "Edge 浏览器"
      : /QQBrowser/i.test(ua)
        ? "QQ 浏览器"
        : /360SE|360EE/i.test(ua)
          ? "360 浏览器"
          : /Firefox\//i.test(ua)
            ? "Firefox 浏览器"
            : /Chrome\/|Chromium\//i.test(ua)
              ? "Chrome 浏览器"
              : /Safari\//i.test(ua)
                ? "Safari 浏览器"
                : "其他浏览器";
  return `${os} · ${browser}`;
}
