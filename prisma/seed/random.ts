/** Deterministic pseudo-random numbers, so the demo data is the same on every machine. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
    /** A shuffled copy (a sort by random keys: the demo's figures are pinned to this order, so keep it). */
    shuffled: <T>(xs: readonly T[]): T[] => [...xs].sort(() => next() - 0.5),
  };
}
export type Rng = ReturnType<typeof rng>;

export const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "建国 秀英 志强 桂英 明 伟 芳 军 敏 静 丽 强 磊 洋 艳 勇 杰 娟 涛 超 霞 平 刚 桂兰 玉兰 文 华 红 辉 鹏 海燕 凤英 德明 士林 永福 长青 春生 金宝 国华 立新 学军 卫东 爱民 振华 晓东 晓燕 红梅 建华 玉珍 培德 宏伟 志明 淑珍 兰英 正清 启明 家驹 怀远 思源 立平";

/** An invented Chinese name (demo data only). */
export function personName(r: Rng): string {
  const given = GIVEN.split(" ");
  return r.pick([...SURNAMES]) + r.pick(given);
}

export function demoPhone(r: Rng): string {
  return `1${r.pick(["38", "39", "51", "52", "58", "87", "89"])}${String(r.int(0, 99_999_999)).padStart(8, "0")}`;
}
