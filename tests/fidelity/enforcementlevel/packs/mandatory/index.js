// The enforcementlevel pack whose own level is mandatory (level-pack.js builds its policies).
require("../../level-pack")("mandatory");
