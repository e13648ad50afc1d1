// HardenedVpc in allowlist mode: NAT egress behind AWS Network Firewall. Settings come from `hardened-stack:network`.
import { buildNetwork } from "./lib/network";

export = async () => buildNetwork("allowlist", [".example.org", "packages.example.com"]);
