export { CreditCode, creditCodeCheckChar, validateCreditCode } from './CreditCode';
export { IndustryCode, validateIndustryCode } from './IndustryCode';
export { MAX_MONEY, validateMoney } from './Money';
export { RegionCode, validateRegionCode } from './RegionCode';
