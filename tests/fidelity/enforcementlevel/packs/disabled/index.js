// The enforcementlevel pack whose own level is disabled (level-pack.js builds its policies).
require("../../level-pack")("disabled");
