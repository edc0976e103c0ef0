import { AtRiskCard } from './home-cards';

export default AtRiskCard;
