// Mandatory policies that read a RandomPet's prefix, as pulumi-policy's unknown_values test does: in a preview the
// prefix is unknown, and @pulumi/policy turns the read into an advisory "can't run policy ... during preview".
const { PolicyPack, remediateResourceOfType, validateResourceOfType, validateStackResourcesOfType } = require("@pulumi/policy");
const random = require("@pulumi/random");

const readPrefix = (pet) => pet.prefix.length;

new PolicyPack("fidelity-unknown-values", {
    policies: [
        {
            name: "read-prefix-of-resource",
            description: "Reads a RandomPet's prefix in resource validation.",
            enforcementLevel: "mandatory",
            validateResource: validateResourceOfType(random.RandomPet, (pet) => { readPrefix(pet); }),
            remediateResource: remediateResourceOfType(random.RandomPet, (pet) => { readPrefix(pet); }),
        },
        {
            name: "read-prefix-in-stack",
            description: "Reads every RandomPet's prefix in stack validation.",
            enforcementLevel: "mandatory",
            validateStack: validateStackResourcesOfType(random.RandomPet, (pets) => { pets.forEach(readPrefix); }),
        },
    ],
});
