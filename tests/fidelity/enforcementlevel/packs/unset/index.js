// The enforcementlevel pack whose own level is not set (level-pack.js builds its policies).
require("../../level-pack")();
