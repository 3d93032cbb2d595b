export { CreditCode } from './CreditCode';
export { IndustryCode } from './IndustryCode';
export { RegionCode } from './RegionCode';
