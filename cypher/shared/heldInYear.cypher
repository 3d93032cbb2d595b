// A qualification is held in year Y when grantedYear <= Y <= validUntilYear (on the HOLDS relationship).
// An expression. Expects: h (HOLDS), reviewYear (integer, the year Y).
(h.grantedYear <= reviewYear AND reviewYear <= h.validUntilYear)
