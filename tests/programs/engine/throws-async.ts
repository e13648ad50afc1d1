// Throws from the exported async function, as a program that validates its config before creating anything does.
export = async () => {
    throw new Error("bad config: cidr must be /16 to /24");
};
