// pulumi-policy tests/integration/stack_tags: one resource for the resource policy to be called on.
import { Echo } from "../lib/echo";

new Echo("tagged", {});
