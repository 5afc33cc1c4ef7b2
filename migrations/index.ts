/**
 * Every migration, oldest first. `npm run migration:generate -- Name` writes a new file here
 * and appends it to this list; migrations are never edited once committed.
 */
import type { MigrationInterface } from 'typeorm';

import { Initial1795708259790 } from './1795708259790-Initial.js';

import { Frameworks1795710420154 } from './1795710420154-Frameworks.js';

import { Evaluations1795713132394 } from './1795713132394-Evaluations.js';

import { Collection1795737576360 } from './1795737576360-Collection.js';

import { CollectionIndexes1795747680169 } from './1795747680169-CollectionIndexes.js';

import { Verbatims1795749261424 } from './1795749261424-Verbatims.js';

import { Reports1795771200000 } from './1795771200000-Reports.js';

import { DataProtection1795804800000 } from './1795804800000-DataProtection.js';

export const MIGRATIONS: Array<new () => MigrationInterface> = [
  Initial1795708259790,
  Frameworks1795710420154,
  Evaluations1795713132394,
  Collection1795737576360,
  CollectionIndexes1795747680169,
  Verbatims1795749261424,
  Reports1795771200000,
  DataProtection1795804800000,
];
