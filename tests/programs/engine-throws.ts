// A program whose validation fails before any resource is created, as a misconfigured stack would.
import { ValidationError } from "../../infra/lib/validation";

throw new ValidationError("hardened-stack:network.cidr", "10.0.0.0/33", "must be an IPv4 CIDR with a prefix from /16 to /24");
