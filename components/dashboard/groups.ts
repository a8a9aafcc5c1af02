/** How the dashboard arranges the metrics: tile groups in DOMAIN §4's order, and the comparison's columns. */
import type { MetricKey } from "@/lib/server/metrics/definitions";

export const TILE_GROUPS: { title: string; keys: MetricKey[] }[] = [
  { title: "组织建设与五老队伍", keys: ["committeeCoverage", "townLeadershipCompliance", "villageLeadershipCompliance", "volunteers", "awardPersonTimes"] },
  { title: "制度落实", keys: ["fiveGoodRate", "meetingRegularity", "subsidyPaidOnTimeRate"] },
  { title: "校外辅导站与活动", keys: ["stationActivityCompliance", "eReadingRoomCompliance", "activitySessions", "activityParticipants", "fundsRaisedFen"] },
  { title: "青少年“零犯罪”创建", keys: ["youthZeroCrimeRate", "minorZeroCrimeRate", "studentZeroCrimeRate"] },
];

/** The columns of the by-child comparison (screen, report). */
export const COMPARE_KEYS: MetricKey[] = [
  "fiveGoodRate",
  "youthZeroCrimeRate",
  "stationActivityCompliance",
  "eReadingRoomCompliance",
  "villageLeadershipCompliance",
  "activitySessions",
  "activityParticipants",
];

/** The rate the comparison chart opens with. */
export const DEFAULT_COMPARE_KEY: MetricKey = "fiveGoodRate";
