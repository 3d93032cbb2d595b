export { buildSchema, loadTypeDefs, SCHEMA_DIR } from './buildSchema';
