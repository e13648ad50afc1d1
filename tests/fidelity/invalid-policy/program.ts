// pulumi-policy tests/integration/invalid_policy: the program does not matter, the pack never starts.
export {};
