export {
  PageAcknowledgeLink,
  ACKNOWLEDGE_PAGE_PARAM,
} from './PageAcknowledgeLink';
