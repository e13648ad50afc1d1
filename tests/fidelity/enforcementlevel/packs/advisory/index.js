// The enforcementlevel pack whose own level is advisory (level-pack.js builds its policies).
require("../../level-pack")("advisory");
