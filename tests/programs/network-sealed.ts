// HardenedVpc with its defaults: sealed egress (no internet path). Settings come from `hardened-stack:network`.
import { buildNetwork } from "./lib/network";

export = async () => buildNetwork("sealed");
