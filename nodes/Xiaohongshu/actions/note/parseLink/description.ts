import type { INodeProperties } from 'n8n-workflow';

import { noteLocator } from '../../common/fields';

const show = { resource: ['note'], operation: ['parseLink'] };

export const description: INodeProperties[] = [...noteLocator(show)];
